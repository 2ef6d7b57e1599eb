/// A file on a download mirror and its published MD5 checksum.
public struct RemoteFile: Sendable, Equatable {
    /// The file name, the same on every mirror and in the local directory.
    public let name: String
    /// The published MD5 of the file as served, in lowercase hexadecimal.
    public let md5: String

    /// Describes a mirrored file.
    public init(name: String, md5: String) {
        self.name = name
        self.md5 = md5
    }
}
