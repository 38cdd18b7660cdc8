import DataQuality

/// The command whose input a note is about: each words its remedy with its own command line.
enum NotedCommand {
    case profile
    case rowhash
    case merge
}

extension InputNote {
    /// The sentence `dqcli` prints on standard error for this note: what the input is and how to read it
    /// properly. The one place these notes are worded.
    /// - Parameters:
    ///   - file: the input as given (`-` for standard input); unused for `merge`, whose note is about a part.
    ///   - command: the command that read it.
    func text(file: String, command: NotedCommand) -> String {
        let name = Profile.shellWord(file)
        let isStandardInput = InputLocation(path: file) == .standardInput
        let subject = isStandardInput ? "standard input: the input is" : "\(file): the file is"
        switch (self, command, isStandardInput) {
        case (.utf16, .profile, true):
            return "\(subject) UTF-16; convert it first (... | iconv -f UTF-16 -t UTF-8 | dqcli profile -)."
        case (.utf16, .profile, false):
            return
                "\(subject) UTF-16; profile a UTF-8 copy (iconv -f UTF-16 -t UTF-8 \(name) > \(Profile.shellWord(file + ".utf8.csv")))."
        case (.utf16, .rowhash, true):
            return "\(subject) UTF-16; convert it first (... | iconv -f UTF-16 -t UTF-8 | dqcli rowhash -)."
        case (.utf16, .rowhash, false):
            return
                "\(subject) UTF-16; hash a UTF-8 copy (iconv -f UTF-16 -t UTF-8 \(name) | dqcli rowhash - --source-name \(name))."
        case (.utf16, .merge, _):
            return "a part was UTF-16; convert the files to UTF-8 (iconv -f UTF-16 -t UTF-8) before profiling them."
        }
    }
}
