import Foundation

/// Number formats shared by figures and the report.
public enum ReportFormat {
    /// A learning rate as the power it is when it is one (`2^-10`, `10^-3`), else 3 significant digits.
    public static func learningRate(_ rate: Double) -> String {
        guard rate > 0 else { return "0" }
        let e2 = log2(rate), e10 = log10(rate)
        if abs(e10 - e10.rounded()) < 1e-9 { return "10^\(Int(e10.rounded()))" }
        if abs(2 * e10 - (2 * e10).rounded()) < 1e-9 { return "10^\(String(format: "%.1f", e10))" }
        if abs(e2 - e2.rounded()) < 1e-9 { return "2^\(Int(e2.rounded()))" }
        return String(format: "%.3g", rate)
    }

    /// A percentage with two decimals, or a dash.
    public static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.2f%%", $0) } ?? "—"
    }
}
