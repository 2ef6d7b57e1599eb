import CZlib
import Foundation

/// The decoded bytes of an IDX file on disk, decompressed when the file is gzip-compressed.
///
/// Compression is recognised by the gzip magic bytes 1f 8b, not by the file name, so a `.gz` file
/// that was unpacked in place still reads correctly.
enum IDXFileContents {
    /// Reads the file at `url` and returns its (decompressed) bytes.
    /// - Throws: `IDXError.cannotRead` when the file cannot be read, `IDXError.corruptGzip` when
    ///   it is gzip data that does not decompress completely.
    static func read(_ url: URL) throws(IDXError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            throw .cannotRead(path: url.path, reason: Self.describe(error))
        }
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try gunzip(bytes, path: url.path)
    }

    /// Decompresses every gzip member in `compressed`, in order, as `gunzip` does.
    static func gunzip(_ compressed: [UInt8], path: String) throws(IDXError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: maximum window, gzip wrapper only.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptGzip(path: path, reason: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }

        // The gzip trailer stores the uncompressed size modulo 2^32: a good first guess, but
        // bounded by deflate's maximum ratio so that a damaged trailer cannot ask for gigabytes.
        let n = compressed.count
        let trailerSize = n >= 4
            ? Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16
                | Int(compressed[n - 1]) << 24
            : 0
        var output = [UInt8](repeating: 0, count: max(1 << 16, min(trailerSize, n &* 1032)))
        var produced = 0
        var consumed = 0

        while true {
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: output.count))
            }
            let status: Int32 = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    // zlib never writes through next_in; the C declaration just lacks `const`.
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = UInt32(input.count - consumed)
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(min(out.count - produced, Int(UInt32.max)))
                    let before = (stream.avail_in, stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(before.0 - stream.avail_in)
                    produced += Int(before.1 - stream.avail_out)
                    return status
                }
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Concatenated members decode as one file; anything else after a member is damage.
                guard consumed < n else {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw .corruptGzip(path: path, reason: "zlib could not restart after a member")
                }
            case Z_BUF_ERROR where consumed == n:
                throw .corruptGzip(path: path, reason: "the compressed data ends early (truncated file)")
            case Z_BUF_ERROR:
                continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .corruptGzip(path: path, reason: message)
            }
        }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return String(cString: strerror(ENOENT))
        }
        return nsError.localizedDescription
    }
}
