import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import WaybillIngest

/// Parsing runs on a thread of lower CPU priority than the threads answering requests.
@Suite("Background thread executor")
struct BackgroundThreadExecutorTests {
    static func niceValue() async -> Int32 {
        await Task.yield()
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }

    @Test func workPreferringItRunsAtAHigherNiceValueAndCompletes() async throws {
        let normal = await Self.niceValue()
        let executor = BackgroundThreadExecutor(name: "test-background", niceness: 5)
        let (background, sum) = await withTaskExecutorPreference(executor) {
            let nice = await Self.niceValue()
            let sum = await withTaskGroup(of: Int.self) { group in
                for n in 1...100 { group.addTask { n } }
                return await group.reduce(0, +)
            }
            return (nice, sum)
        }
        #expect(background == min(19, normal + 5))
        #expect(sum == 5050, "child tasks run and complete on it")
        #expect(await Self.niceValue() == normal, "the caller's threads keep their priority")
    }
}
