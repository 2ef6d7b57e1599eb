import Crypto
import Foundation

/// MD5 checksums of files, to compare downloads with their published sums (an integrity check
/// against damaged transfers, not a security measure).
enum MD5Digest {
    /// The lowercase hexadecimal MD5 of the file at `url`, or nil when it cannot be read.
    static func ofFile(at url: URL) -> String? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        return hex(of: data)
    }

    /// The lowercase hexadecimal MD5 of `data`.
    static func hex(of data: Data) -> String {
        Insecure.MD5.hash(data: data).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
