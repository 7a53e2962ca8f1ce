import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/branding`: the tenant's look on the tracking page, widget and email snippet, and a preview.
struct BrandingController: Sendable {
    let store: any Store
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("branding", use: show)
        group.put("branding", use: replace)
        group.get("branding/preview", use: previewStored)
        group.post("branding/preview", use: previewProposed)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> BrandingResponse {
        let principal = try context.require(.readShipments)
        let branding = try await store.branding(tenantID: principal.tenantID) ?? Branding()
        return BrandingResponse(branding, tenantID: principal.tenantID)
    }

    @Sendable func replace(_ request: Request, context: WaybillRequestContext) async throws -> BrandingResponse {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(BrandingRequest.self, context: context)
        let branding = try body.branding()
        let saved = try await store.saveBranding(branding, tenantID: principal.tenantID, actor: principal.actor)
        return BrandingResponse(saved, tenantID: principal.tenantID)
    }

    @Sendable func previewStored(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.readShipments)
        return preview(request, branding: try await store.branding(tenantID: principal.tenantID))
    }

    @Sendable func previewProposed(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        _ = try context.require(.manageTenant)
        let (_, body) = try await request.decode(BrandingRequest.self, context: context)
        var branding = try body.branding()
        branding.updatedAt = now()
        return preview(request, branding: branding)
    }

    /// A sample in-transit shipment on the branded page.
    func preview(_ request: Request, branding: Branding?) -> Response {
        let language = MessageCatalog.negotiate(query: request.uri.queryParameters.get("lang"), customerLocale: nil,
                                                acceptLanguage: request.headers[.acceptLanguage])
        let sample = SamplePage.shipment(now: now())
        let chrome = PageChrome(language: language, title: MessageCatalog.uiText(.pageTitle, language: language),
                                branding: branding, fallbackName: "Waybill", showLanguages: false)
        let view = ShipmentView(shipment: sample.shipment, events: sample.events, language: language, now: now())
        let html = WebAssets.render("tracking", CustomerPagesController.TrackingPage(chrome: chrome, shipment: view, pollURL: "", etag: ""))
        return HTMLResponse.make(.ok, html: html, styleSource: chrome.styleSource, cacheControl: "no-store")
    }
}
