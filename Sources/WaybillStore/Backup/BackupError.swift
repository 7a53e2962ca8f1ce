/// Why a backup or a restore did not happen; each message names the file or program involved.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    case noDatabase(String)
    case notAnArchive(path: String, reason: String)
    case unsupportedFormat(path: String, format: Int)
    case damaged(path: String, member: String, reason: String)
    case wrongEngine(archive: String, database: String)
    case wouldOverwrite([String])
    case missingProgram(name: String, hint: String)
    case programFailed(name: String, status: Int32, output: String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .noDatabase(let path): "there is no database at \(path)"
        case .notAnArchive(let path, let reason): "\(path) is not a Waybill backup: \(reason)"
        case .unsupportedFormat(let path, let format):
            "\(path) is a backup of format \(format); this Waybill reads format \(BackupManifest.currentFormat) (use the Waybill that wrote it)"
        case .damaged(let path, let member, let reason): "\(path) is damaged (\(member): \(reason)); nothing was restored"
        case .wrongEngine(let archive, let database): "the backup holds a \(archive) database, but the target is \(database)"
        case .wouldOverwrite(let paths):
            "not overwriting the existing \(paths.joined(separator: ", ")): stop waybill serve, then restore with --force to replace it"
        case .missingProgram(let name, let hint): "\(name) is not installed (not found on PATH): \(hint)"
        case .programFailed(let name, let status, let output): "\(name) failed (exit status \(status)): \(output)"
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }
}
