/// The one-line text a terminal shows for a ``ProfileProgress``.
///
/// With a known size: `13.2 MiB of 104.9 MiB (12%), 52,000 rows, 48.1 MiB/s, 0:02 left`; for an input of
/// unknown size (standard input, a pipe): `52,000 rows, 48.1 MiB/s`. In the failing-rows pass the line
/// starts with `failing rows: `. Sizes use binary units (KiB = 1024 bytes) with one decimal; the text is
/// ASCII only, so its length is its width on a terminal.
public enum ProgressLine {
    /// The line's text cut to fit a terminal `columns` wide, leaving the last column free (so the cursor
    /// never wraps and a carriage return rewrites the line in place). Whole parts are dropped from the end
    /// first (time left, then rate...); a single part still too long is cut.
    public static func text(for progress: ProfileProgress, columns: Int) -> String {
        var text = text(for: progress)
        let room = max(1, columns - 1)
        while text.count > room, let cut = text.range(of: ", ", options: .backwards) {
            text = String(text[..<cut.lowerBound])
        }
        return String(text.prefix(room))
    }

    /// The line's text (no line ending, no control characters).
    public static func text(for progress: ProfileProgress) -> String {
        var parts: [String] = []
        let rows = groupedThousands(progress.rows) + (progress.rows == 1 ? " row" : " rows")
        if let total = progress.totalBytes {
            let percent = total > 0 ? min(100, progress.bytesRead * 100 / total) : 100
            parts.append("\(byteCount(progress.bytesRead)) of \(byteCount(total)) (\(percent)%)")
        }
        parts.append(rows)
        if let rate = progress.bytesPerSecond { parts.append(byteCount(rate) + "/s") }
        if let left = progress.secondsLeft { parts.append(duration(left) + " left") }
        return (progress.pass == 2 ? "failing rows: " : "") + parts.joined(separator: ", ")
    }

    /// `512 B`, `13.2 KiB`, `104.9 MiB`, `1.0 GiB`.
    static func byteCount(_ bytes: some BinaryInteger) -> String {
        byteCount(Double(bytes))
    }

    static func byteCount(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = bytes
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(value.rounded())) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// `52,000`.
    static func groupedThousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `0:02`, `12:34`, `1:02:03` (rounded up to whole seconds).
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let hours = total / 3600
        let minutes = total / 60 % 60
        let secs = total % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
