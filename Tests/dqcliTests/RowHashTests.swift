import Foundation
import Testing

@Suite struct RowHashTests {
    /// XXH3-128 of the empty encoding, from `printf '' | xxhsum -H2 -` (Debian xxhash 0.8.1).
    static let blankLineHash = "99aa06d3014798d86001c324468d497f"
}
