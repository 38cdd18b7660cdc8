/// The last component of a data file's path and the parts a run of many inputs reads from it: whether a
/// folder's listing takes the file, and its name without the compression suffix and extension.
///
/// Suffixes are compared in any case (`EXPORT.CSV`, `orders.csv.GZ`), byte by byte on the name's UTF-8 (the
/// suffixes are ASCII). A suffix counts only with something before it: `.csv` is a hidden file's whole name.
struct DataFileName: Sendable, Equatable {
    /// The suffixes of the compressed files a folder's listing takes (after a data suffix).
    static let compressionSuffixes = [".gz", ".zst"]
    /// The suffixes of the data files a folder's listing takes.
    static let dataSuffixes = [".csv", ".tsv", ".txt", ".psv"]

    /// The path's last component (`orders.csv.gz` for `exports/orders.csv.gz`); `stdin` for `-`.
    let name: String

    /// The name of the file at `path` (`-` is standard input, named `stdin`).
    init(path: String) {
        name = path == "-" ? "stdin" : path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether a folder's listing takes the file: its name ends in a data suffix, or in a data suffix and a
    /// compression suffix, in any case, and holds something before it.
    var isDataFile: Bool {
        Self.suffixLength(of: withoutCompressionSuffix, among: Self.dataSuffixes) != nil
    }

    /// The name without a compression suffix and then without its extension: `orders` for `orders.csv.gz`,
    /// `archive` for `archive.tar.gz`, `.profile` for `.profile` (a leading dot starts no extension).
    var stem: String {
        let name = withoutCompressionSuffix
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The name without a `.gz` or `.zst` suffix in any case.
    private var withoutCompressionSuffix: String {
        guard let length = Self.suffixLength(of: name, among: Self.compressionSuffixes) else { return name }
        return String(decoding: name.utf8.dropLast(length), as: UTF8.self)
    }

    /// The byte length of the suffix among `suffixes` (lower case ASCII) that `name` ends in, in any case, with
    /// at least one byte before it; nil when it ends in none.
    private static func suffixLength(of name: String, among suffixes: [String]) -> Int? {
        let bytes = Array(name.utf8)
        for suffix in suffixes where bytes.count > suffix.utf8.count {
            let ending = bytes.suffix(suffix.utf8.count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if ending.elementsEqual(suffix.utf8) { return suffix.utf8.count }
        }
        return nil
    }
}
