import Foundation
import Testing

@testable import DataQuality

/// A temporary folder tree of data files, links, hidden files and names with spaces and glob metacharacters:
///
///     exports/  A.CSV  a.tsv  b.csv  c.txt.gz  d.psv.ZST  link.csv -> b.csv  star[1].csv  with space.csv
///               notes.md  archive.csv.zip  .hidden.csv  dangling.csv -> nowhere  .csv
///               sub/  e.csv  .secret/f.csv        linked-folder -> ../other
///     other/    g.csv
///     empty/    readme.md  inner/h.csv
///     meta/     star[1].csv  star1.csv
///     hidden-only/  .cache/x.csv
private final class InputTree {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-\(UUID().uuidString)").path
        for folder in ["exports/sub/.secret", "other", "empty/inner", "meta", "hidden-only/.cache"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        let files = [
            "exports/A.CSV", "exports/a.tsv", "exports/b.csv", "exports/c.txt.gz", "exports/d.psv.ZST",
            "exports/star[1].csv", "exports/with space.csv", "exports/notes.md", "exports/archive.csv.zip",
            "exports/.hidden.csv", "exports/.csv", "exports/sub/e.csv", "exports/sub/.secret/f.csv", "other/g.csv",
            "empty/readme.md", "empty/inner/h.csv", "meta/star[1].csv", "meta/star1.csv", "hidden-only/.cache/x.csv"
        ]
        for file in files {
            #expect(FileManager.default.createFile(atPath: "\(root)/\(file)", contents: Data("x\n1\n".utf8)))
        }
        try FileManager.default.createSymbolicLink(atPath: "\(root)/exports/link.csv", withDestinationPath: "b.csv")
        try FileManager.default.createSymbolicLink(
            atPath: "\(root)/exports/dangling.csv", withDestinationPath: "nowhere.csv")
        try FileManager.default.createSymbolicLink(
            atPath: "\(root)/exports/linked-folder", withDestinationPath: "../other")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The paths the arguments (relative to the root) expand to, relative to the root (`-` as is).
    func expand(_ arguments: [String], recursive: Bool = false) throws(InputListError) -> [String] {
        let list = try InputList(arguments: arguments.map { $0 == "-" ? $0 : "\(root)/\($0)" }, recursive: recursive)
        return list.inputs.map { input in
            input.location.path == "-" ? "-" : String(input.location.path.dropFirst(root.count + 1))
        }
    }

    /// The error the arguments (relative to the root) give, with the root taken out of its message.
    func error(_ arguments: [String], recursive: Bool = false) -> (code: InputListError.Code, message: String)? {
        do {
            _ = try expand(arguments, recursive: recursive)
            return nil
        } catch {
            return (error.code, error.description.replacingOccurrences(of: root + "/", with: ""))
        }
    }
}

@Suite struct InputListTests {
    /// A folder's members: regular files (links followed) with a data suffix, plain or compressed, in any
    /// case, not hidden, in byte order (upper case first); the link to `b.csv` is `b.csv` and kept once.
    @Test func folderListsItsDataFilesInByteOrder() throws {
        let tree = try InputTree()
        #expect(
            try tree.expand(["exports"]) == [
                "exports/A.CSV", "exports/a.tsv", "exports/b.csv", "exports/c.txt.gz", "exports/d.psv.ZST",
                "exports/star[1].csv", "exports/with space.csv"
            ])
        #expect(try tree.expand(["exports/"]) == tree.expand(["exports"]))
    }

    /// `--recursive` adds the subfolders' files, sorted with the rest by relative path (`star[1].csv` <
    /// `sub/e.csv` < `with space.csv`), skipping hidden folders and not following a link to a folder.
    @Test func recursiveFolderSortsByRelativePath() throws {
        let tree = try InputTree()
        #expect(
            try tree.expand(["exports"], recursive: true) == [
                "exports/A.CSV", "exports/a.tsv", "exports/b.csv", "exports/c.txt.gz", "exports/d.psv.ZST",
                "exports/star[1].csv", "exports/sub/e.csv", "exports/with space.csv"
            ])
    }

    /// A pattern matches as `sh` does (case-sensitive, `*` skips hidden names, a dangling link is a match that
    /// the reading will report), its matches in byte order, the link to `b.csv` dropped as `b.csv`; an explicit
    /// leading dot matches a hidden file.
    @Test func patternMatchesInByteOrder() throws {
        let tree = try InputTree()
        #expect(
            try tree.expand(["exports/*.csv"]) == [
                "exports/b.csv", "exports/dangling.csv", "exports/star[1].csv", "exports/with space.csv"
            ])
        #expect(try tree.expand(["exports/.*.csv"]) == ["exports/.hidden.csv"])
        #expect(try tree.expand(["exports/*/e.csv", "*/sub/e.csv"]) == ["exports/sub/e.csv"])
    }

    /// A folder a pattern matches is read as a folder argument; a file a pattern matches is taken whatever its
    /// suffix, as when the shell expands the pattern.
    @Test func patternMatchingAFolderListsIt() throws {
        let tree = try InputTree()
        #expect(try tree.expand(["oth*"]) == ["other/g.csv"])
        #expect(try tree.expand(["exports/n*"]) == ["exports/notes.md"])
    }

    /// An existing path is taken as it is, also with glob metacharacters; the same text that names no file is
    /// a pattern.
    @Test func existingPathWithMetacharactersIsAFile() throws {
        let tree = try InputTree()
        #expect(try tree.expand(["meta/star[1].csv"]) == ["meta/star[1].csv"])
        #expect(try tree.expand(["meta/star[1].c?v"]) == ["meta/star1.csv"])
        #expect(try tree.expand(["meta/star\\[1\\].c?v"]) == ["meta/star[1].csv"])
    }

    /// Arguments keep their order; a file named again (by path, through a link, a folder or a pattern) keeps
    /// its first place; a plain file is taken whatever its suffix, and a missing one is left for the reading to
    /// report (once).
    @Test func argumentsInOrderEachFileOnce() throws {
        let tree = try InputTree()
        #expect(
            try tree.expand([
                "exports/with space.csv", "-", "exports/link.csv", "exports", "exports/b.csv", "exports/notes.md",
                "missing.csv", "missing.csv", "exports/li*.csv"
            ]) == [
                "exports/with space.csv", "-", "exports/link.csv", "exports/A.CSV", "exports/a.tsv", "exports/c.txt.gz",
                "exports/d.psv.ZST", "exports/star[1].csv", "exports/notes.md", "missing.csv"
            ])
    }

    /// Whether the run names one file by itself (one report object, not an array).
    @Test func namesOneFileOnlyForOneFileArgument() throws {
        let tree = try InputTree()
        let cases: [([String], Bool)] = [
            (["\(tree.root)/exports/b.csv"], true), (["-"], true), (["\(tree.root)/missing.csv"], true),
            (["\(tree.root)/other"], false), (["\(tree.root)/exports/b*"], false),
            (["\(tree.root)/exports/b.csv", "\(tree.root)/exports/b.csv"], false)
        ]
        for (arguments, namesOneFile) in cases {
            #expect(try InputList(arguments: arguments).namesOneFile == namesOneFile, "\(arguments)")
        }
        #expect(
            try InputList(arguments: ["-", "\(tree.root)/oth*"]).arguments == [
                .standardInput, .pattern("\(tree.root)/oth*")
            ])
        #expect(
            try InputList(arguments: ["\(tree.root)/other"]).inputs == [
                ListedInput(location: .file("\(tree.root)/other/g.csv"), argument: .folder("\(tree.root)/other"))
            ])
    }

    /// The errors, each found before anything is read, with their exact sentences and codes.
    @Test func errorsNameTheArgument() throws {
        let tree = try InputTree()
        let long = String(repeating: "x", count: 300)
        let noDataFile = "the folder holds no .csv, .tsv, .txt or .psv file (plain or compressed with .gz or .zst)."
        let cases: [([String], Bool, InputListError.Code, String)] = [
            (["-", "exports", "-"], false, .usage, "-: standard input can be given only once."),
            (["exports/*.json", "-", "-"], false, .usage, "-: standard input can be given only once."),
            (["exports/*.json"], false, .noInput, "exports/*.json: no file matches this pattern."),
            (["missing/*.csv"], false, .noInput, "missing/*.csv: no file matches this pattern."),
            (["empty"], false, .noInput, "empty: \(noDataFile)"),
            (["exports", "em*"], false, .noInput, "empty: \(noDataFile)"),
            (
                ["hidden-only"], true, .noInput,
                "hidden-only: the folder and its subfolders hold no .csv, .tsv, .txt or .psv file (plain or compressed with .gz or .zst)."
            ),
            (["missing/"], false, .noInput, "missing/: no such folder."),
            (["\(long)/*.csv"], false, .noInput, "\(long)/*.csv: a folder this pattern searches cannot be read.")
        ]
        for (arguments, recursive, code, message) in cases {
            let error = try #require(tree.error(arguments, recursive: recursive), "\(arguments)")
            #expect(error.code == code, "\(arguments)")
            #expect(error.message == message)
        }
        #expect(try tree.expand(["empty"], recursive: true) == ["empty/inner/h.csv"])
    }
}
