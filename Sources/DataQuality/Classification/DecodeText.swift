/// Bytes as text: UTF-8 with each maximal invalid subpart replaced by U+FFFD, optionally cut to a number of
/// Unicode scalars.
func decodeText(_ bytes: some Collection<UInt8>, scalars limit: Int? = nil) -> String {
    let text = String(decoding: Array(bytes), as: UTF8.self)
    guard let limit else { return text }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: text.unicodeScalars.prefix(limit))
    return String(scalars)
}
