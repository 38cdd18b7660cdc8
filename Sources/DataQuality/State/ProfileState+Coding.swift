import Foundation

/// A state's coding: keyed JSON (every part's synthesized keys), with the large tables as compact binary
/// blobs in base64 and non-finite numbers as the strings `inf`, `-inf` and `nan`.
extension ProfileState {
    /// The state as compact JSON (UTF-8, sorted keys: equal states give equal bytes).
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Every part is plain values with finite or named numbers: encoding cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// Reads a state written by ``encoded()``.
    /// - Parameter rules: the rule file the state was made with (checked against the settings' digest by the
    ///   caller), nil when made without.
    /// - Throws: `DecodingError` when the bytes are not a state.
    public init(decoding bytes: [UInt8], rules: RuleSet?) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(ProfileState.self, from: Data(bytes))
        self.rules = rules
    }
}
