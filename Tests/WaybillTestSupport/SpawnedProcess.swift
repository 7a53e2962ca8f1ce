import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests, started with `posix_spawn`. Foundation's `Process.run()` on Linux
/// (Swift 6.3.1) now and then crashes the test process itself: it copies 256 bytes of each
/// `/proc/self/fd` entry while choosing what to close, reading past glibc's buffer
/// (swift-corelibs-foundation #5472, fixed after 6.3.1). This starts the child the same way
/// without that scan: standard input from /dev/null, standard output and error appended to
/// files, every other descriptor closed in the child (`posix_spawn_file_actions_addclosefrom_np`).
public final class SpawnedProcess: @unchecked Sendable {
    public let processIdentifier: pid_t
    private let lock = NSLock()
    private var status: Int32?

    public init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String? = nil,
                standardOutput: String, standardError: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard Self.addCloseFrom(&actions, 3) == 0 else { throw SpawnError(executable, "posix_spawn_file_actions_addclosefrom_np") }
        if let workingDirectory {
            guard Self.addChdir(&actions, workingDirectory) == 0 else { throw SpawnError(executable, "posix_spawn_file_actions_addchdir_np") }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, as Foundation does: a terminal's Ctrl-C reaches the test runner only.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(executable, "posix_spawn: \(String(cString: strerror(result)))") }
        processIdentifier = pid
    }

    /// Whether the child still runs (reaps it when it has exited).
    public var isRunning: Bool { exitStatus(waiting: false) == nil }

    /// Waits for the child to exit; its exit code, or 128 + the signal that ended it.
    @discardableResult
    public func waitUntilExit() -> Int32 { exitStatus(waiting: true) ?? -1 }

    public func signal(_ number: Int32) {
        if lock.withLock({ status }) == nil { kill(processIdentifier, number) }
    }

    /// The lock guards `status` only: it is not held while `waitpid` blocks, so a timeout can
    /// signal the child while another thread waits for it.
    private func exitStatus(waiting: Bool) -> Int32? {
        if let status = lock.withLock({ status }) { return status }
        var raw: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(processIdentifier, &raw, waiting ? 0 : WNOHANG) } while result == -1 && errno == EINTR
        if result == 0 { return nil }
        if result == processIdentifier {
            let signal = raw & 0x7f
            let code = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            lock.withLock { status = code }
            return code
        }
        // Another thread reaped it (ECHILD) and is about to record its status.
        for _ in 0..<100 {
            if let status = lock.withLock({ status }) { return status }
            usleep(10_000)
        }
        return -1
    }

    // glibc has both since 2.34; Swift's Glibc module does not import these GNU extensions.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addCloseFrom: AddCloseFrom = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")!, to: AddCloseFrom.self)
    private static let addChdir: AddChdir = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addchdir_np")!, to: AddChdir.self)

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
        init(_ executable: String, _ what: String) { description = "cannot start \(executable): \(what)" }
    }
}
