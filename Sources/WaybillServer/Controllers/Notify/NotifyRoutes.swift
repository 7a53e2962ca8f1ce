import Hummingbird
import WaybillNotify
import WaybillStore

/// The notification API: alert rules, outbound webhook subscriptions, the delivery log and
/// replay, and the in-app feed. Managing them needs an admin key (`tenant:manage`); the feed
/// is readable by keys that read orders (support tools).
struct NotifyRoutes: Sendable {
    let store: any Store
    let egress: EgressPolicy
    let streamLimits: StreamLimits

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        WebhookSubscriptionController(store: store, egress: egress).addRoutes(to: group)
        AlertRuleController(store: store).addRoutes(to: group)
        DeliveryController(store: store).addRoutes(to: group)
        NotificationFeedController(store: store, limits: streamLimits).addRoutes(to: group)
    }
}
