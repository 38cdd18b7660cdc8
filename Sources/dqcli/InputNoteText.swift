import DataQuality

extension InputNote {
    /// The sentence `dqcli rowhash` prints on standard error for this note: what the records are and how every
    /// part must be profiled. The one place these notes are worded.
    /// - Parameter file: the input as given (`-` for standard input).
    func text(file: String) -> String {
        let location = InputLocation(path: file) == .standardInput ? "standard input" : file
        switch self {
        case .recordsEncoded(let encoding):
            return
                "\(location): the records are \(encoding.name) text, kept as stored; profile every part with --encoding \(encoding.name)."
        }
    }
}
