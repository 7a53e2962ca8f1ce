import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the landing-directory watcher left an entry alone (the `reason` of `waybill_landing_refused_total`).
public enum LandingRefusal: String, Error, Sendable, CaseIterable {
    /// A tenant folder, or its `done/`, `failed/` or `processing/`, is a symbolic link.
    case symlinkedFolder = "symlinked_folder"
    /// `done/`, `failed/` or `processing/` exists and is not a directory.
    case notAFolder = "not_a_folder"
    /// A dropped file is a symbolic link.
    case symlinkedFile = "symlinked_file"
    /// A dropped entry is a FIFO, socket or device.
    case notARegularFile = "not_a_regular_file"
    /// A folder in the landing root whose name cannot be a tenant's.
    case invalidTenantFolder = "invalid_tenant_folder"
}

/// An open directory and the few file operations the landing-directory watcher makes in it, all
/// relative to the handle (`openat`, `fstatat`, `renameat`, `mkdirat`) and none following a symbolic
/// link: a tenant can write its folder, so any name in it may be a link planted to lead elsewhere.
final class DirectoryHandle: Sendable {
    enum Kind: Equatable {
        case directory
        case regularFile(modified: Date)
        case symlink
        case other
    }

    /// A system call that failed for another reason than a refusal.
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var name: String
        var code: Int32
        var description: String { "\(operation) \(name): \(String(cString: strerror(code)))" }
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The directory at `path`, or nil when there is none. Links in `path` are followed: the
    /// landing root is the operator's to place.
    static func open(path: String) throws -> DirectoryHandle? {
        let descriptor = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw Failure(operation: "open", name: path, code: code)
        }
        return DirectoryHandle(descriptor: descriptor)
    }

    /// What `name` is, the link itself for a link; nil when nothing has that name.
    func kind(of name: String) throws -> Kind? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw Failure(operation: "lstat", name: name, code: code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        case S_IFREG: return .regularFile(modified: Self.modified(info))
        default: return .other
        }
    }

    /// The names in the directory, without `.` and `..`.
    func entries() throws -> [String] {
        // A descriptor of its own, so that each listing starts at the beginning.
        let listing = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0, let stream = fdopendir(listing) else {
            let code = errno
            if listing >= 0 { close(listing) }
            throw Failure(operation: "list", name: ".", code: code)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The directory `name` in this one; a link, or anything but a directory, is refused.
    func directory(_ name: String) throws -> DirectoryHandle {
        let opened = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else {
            let code = errno
            guard code == ELOOP || code == ENOTDIR else { throw Failure(operation: "open", name: name, code: code) }
            throw try kind(of: name) == .symlink || code == ELOOP ? LandingRefusal.symlinkedFolder : LandingRefusal.notAFolder
        }
        return DirectoryHandle(descriptor: opened)
    }

    /// Creates the directory `name`; nothing happens when something has that name already.
    func makeDirectory(_ name: String) throws {
        guard mkdirat(descriptor, name, 0o750) == 0 || errno == EEXIST else {
            throw Failure(operation: "mkdir", name: name, code: errno)
        }
    }

    /// The contents of the regular file `name`; nil when it is gone. A link or anything but a
    /// regular file is refused without being opened through.
    func contents(of name: String) throws -> Data? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw LandingRefusal.symlinkedFile }
            throw Failure(operation: "open", name: name, code: code)
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else { throw Failure(operation: "fstat", name: name, code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw LandingRefusal.notARegularFile }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "read", name: name, code: errno)
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// Writes `data` as `name`: a new file, renamed over whatever had that name (a link of that
    /// name is replaced, never written through).
    func replaceFile(_ name: String, with data: Data) throws {
        let temporary = ".\(name).\(UUID().uuidString.prefix(8)).tmp"
        let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard file >= 0 else { throw Failure(operation: "create", name: temporary, code: errno) }
        do {
            defer { close(file) }
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Failure(operation: "write", name: temporary, code: errno)
                    }
                    offset += written
                }
            }
        } catch {
            unlinkat(descriptor, temporary, 0)
            throw error
        }
        guard renameat(descriptor, temporary, descriptor, name) == 0 else {
            let code = errno
            unlinkat(descriptor, temporary, 0)
            throw Failure(operation: "rename", name: name, code: code)
        }
    }

    /// Moves the entry `name` to `newName` in `destination` (the entry itself, a link as a link);
    /// false when `name` is gone (another instance took it).
    func move(_ name: String, to destination: DirectoryHandle, as newName: String) throws -> Bool {
        guard renameat(descriptor, name, destination.descriptor, newName) == 0 else {
            let code = errno
            if code == ENOENT { return false }
            throw Failure(operation: "rename", name: name, code: code)
        }
        return true
    }

    func exists(_ name: String) throws -> Bool {
        try kind(of: name) != nil
    }

    private static func modified(_ info: stat) -> Date {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1_000_000_000)
    }
}
