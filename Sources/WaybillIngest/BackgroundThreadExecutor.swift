import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A task executor with one thread of its own, at a lower CPU priority than the rest of the
/// process (a higher nice value): background work (parsing received payloads) run on it gets
/// the cores only when the threads that answer requests do not need them, so a burst of
/// parsing does not delay webhook acknowledgements.
public final class BackgroundThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// The process's background thread (shared by every ingest worker in the process).
    public static let shared = BackgroundThreadExecutor(name: "waybill-background")

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []  // guarded by `condition`

    /// `niceness` is added to the thread's nice value (Linux schedules threads individually).
    /// The thread runs for the rest of the process and keeps the executor alive.
    public init(name: String, niceness: Int32 = 10) {
        let thread = Thread {
            #if os(Linux)
            // On Linux the nice value is a thread's own (inherited from the thread that started
            // it); 0 names the calling thread.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, min(19, getpriority(which, 0) + niceness))
            #endif
            self.runJobs()
        }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
