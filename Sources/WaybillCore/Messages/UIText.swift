/// Keys of the tracking page's interface strings. Placeholders are written `{name}`.
public enum UIText: String, Sendable, CaseIterable {
    case pageTitle = "page_title"
    case trackingNumber = "tracking_number"
    case carrier
    case trackWithCarrier = "track_with_carrier"
    case estimatedDelivery = "estimated_delivery"
    case estimatedWindow = "estimated_window"
    case late
    case lateNotice = "late_notice"
    case noEstimate = "no_estimate"
    case whatHappensNext = "what_happens_next"
    case actionRequired = "action_required"
    case progress
    case milestoneInfoReceived = "milestone_info_received"
    case milestoneInTransit = "milestone_in_transit"
    case milestoneOutForDelivery = "milestone_out_for_delivery"
    case milestoneDelivered = "milestone_delivered"
    case milestoneDone = "milestone_done"
    case milestoneCurrent = "milestone_current"
    case timeline
    case noEvents = "no_events"
    case deliveredAt = "delivered_at"
    case deliveredWhere = "delivered_where"
    case signedBy = "signed_by"
    case lastUpdated = "last_updated"
    case language
    case change
    case orderLookupTitle = "order_lookup_title"
    case orderLookupIntro = "order_lookup_intro"
    case orderNumber = "order_number"
    case emailOrPostalCode = "email_or_postal_code"
    case search
    case lookupNotFound = "lookup_not_found"
    case lookupSecondFactorRequired = "lookup_second_factor_required"
    case trackingNumberLookupTitle = "tracking_number_lookup_title"
    case tooManyRequests = "too_many_requests"
    case notFound = "not_found"
    case notFoundText = "not_found_text"
    case order
    case shipmentCount = "shipment_count"
    case shipment
    case viewDetails = "view_details"
    case contactSupport = "contact_support"
    case poweredBy = "powered_by"
    case skipToContent = "skip_to_content"
}
