import DataQuality

extension InputNote {
    /// The sentence `dqcli rowhash` prints on standard error for this note: what the input is and how to hash it
    /// properly (`dqcli profile` decodes UTF-16 itself). The one place these notes are worded.
    /// - Parameter file: the input as given (`-` for standard input).
    func text(file: String) -> String {
        let name = Profile.shellWord(file)
        switch (self, InputLocation(path: file) == .standardInput) {
        case (.utf16, true):
            return
                "standard input: the input is UTF-16; convert it first (... | iconv -f UTF-16 -t UTF-8 | dqcli rowhash -)."
        case (.utf16, false):
            return
                "\(file): the file is UTF-16; hash a UTF-8 copy (iconv -f UTF-16 -t UTF-8 \(name) | dqcli rowhash - --source-name \(name))."
        }
    }
}
