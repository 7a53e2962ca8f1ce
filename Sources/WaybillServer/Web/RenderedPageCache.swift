import Foundation
import NIOCore
import Synchronization

/// Tracking pages already rendered, by ETag. The ETag names everything a page shows (the
/// shipment's last event, status and update time, the language, the branding's update time, the
/// assets' version), so an entry is never stale: a change makes a new ETag and a miss. A page
/// also expires when its delivery estimate passes, since it then shows "late".
///
/// Each instance keeps its own; the shipment and branding are still read for every request, so
/// instances on one PostgreSQL never serve each other's old pages. Bounded: the oldest entries
/// leave first.
final class RenderedPageCache: Sendable {
    struct Page: Sendable {
        var html: ByteBuffer
        var styleSource: String
        /// When the page must be rendered again although nothing changed (its estimate passes).
        var expiresAt: Date?
    }

    private struct Entries {
        var pages: [String: Page] = [:]
        var insertionOrder: [String] = []
        var oldest = 0
    }

    private let capacity: Int
    private let entries = Mutex(Entries())

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func page(etag: String, now: Date) -> Page? {
        entries.withLock { entries in
            guard let page = entries.pages[etag] else { return nil }
            if let expiresAt = page.expiresAt, expiresAt <= now {
                entries.pages[etag] = nil
                return nil
            }
            return page
        }
    }

    func store(_ page: Page, etag: String) {
        entries.withLock { entries in
            guard entries.pages.updateValue(page, forKey: etag) == nil else { return }
            if entries.insertionOrder.count < capacity {
                entries.insertionOrder.append(etag)
                return
            }
            // Full: the new page takes the oldest one's slot.
            entries.pages[entries.insertionOrder[entries.oldest]] = nil
            entries.insertionOrder[entries.oldest] = etag
            entries.oldest = (entries.oldest + 1) % capacity
        }
    }
}
