/// Elapsed and remaining times as the tool prints them, one formatter for every command.
public enum DurationText {
    /// `45s`, `4m10s`, `2h05m`; `?` for a time that is not finite (an unknown remaining time).
    public static func of(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(s / 3600) + "h" + (s % 3600 / 60 < 10 ? "0" : "") + String(s % 3600 / 60) + "m" }
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
