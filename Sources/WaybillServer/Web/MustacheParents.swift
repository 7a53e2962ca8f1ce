import Mustache

// Explicit member lookup for the page models: swift-mustache otherwise reflects with Mirror on
// every `{{name}}`, which was most of the tracking page's CPU time.

extension CustomerPagesController.TrackingPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "shipment": shipment
        case "pollURL": pollURL
        case "etag": etag
        default: nil
        }
    }
}

extension CustomerPagesController.MessagePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "heading": heading
        case "text": text
        case "lookupLink": lookupLink
        default: nil
        }
    }
}

extension CustomerPagesController.LookupPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "title": title
        case "error": error
        case "showForm": showForm
        case "intro": intro
        case "langHidden": langHidden
        case "orderLabel": orderLabel
        case "orderValue": orderValue
        case "verifyLabel": verifyLabel
        case "searchLabel": searchLabel
        case "order": order
        case "shipments": shipments
        default: nil
        }
    }
}

extension PageChrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "dir": dir
        case "title": title
        case "assetVersion": assetVersion
        case "brandStyle": brandStyle
        case "pollScript": pollScript
        case "skipToContent": skipToContent
        case "brandName": brandName
        case "logoURL": logoURL
        case "showLanguages": showLanguages
        case "hiddenFields": hiddenFields
        case "languageLabel": languageLabel
        case "changeLabel": changeLabel
        case "languages": languages
        case "hasSupport": hasSupport
        case "contactSupport": contactSupport
        case "supportEmail": supportEmail
        case "supportPhone": supportPhone
        case "supportPhoneDial": supportPhoneDial
        case "supportURL": supportURL
        case "hasLinks": hasLinks
        case "links": links
        case "footerText": footerText
        case "poweredBy": poweredBy
        default: nil
        }
    }
}

extension PageChrome.LanguageOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "name": self.name
        case "current": current
        default: nil
        }
    }
}

extension PageChrome.HiddenField: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}

extension PageChrome.Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        default: nil
        }
    }
}

extension ShipmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "statusKey": statusKey
        case "statusText": statusText
        case "substatusText": substatusText
        case "action": action
        case "eta": eta
        case "noEstimate": noEstimate
        case "delivered": delivered
        case "nextStepLabel": nextStepLabel
        case "nextStep": nextStep
        case "progressLabel": progressLabel
        case "stopped": stopped
        case "milestones": milestones
        case "trackingNumberLabel": trackingNumberLabel
        case "trackingNumber": trackingNumber
        case "carrier": carrier
        case "lastMileCarriers": lastMileCarriers
        case "timelineLabel": timelineLabel
        case "hasEvents": hasEvents
        case "events": events
        case "noEvents": noEvents
        case "lastUpdated": lastUpdated
        default: nil
        }
    }
}

extension ShipmentView.Action: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "text": text
        default: nil
        }
    }
}

extension ShipmentView.ETA: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "text": text
        case "iso": iso
        case "late": late
        case "lateLabel": lateLabel
        case "lateNotice": lateNotice
        default: nil
        }
    }
}

extension ShipmentView.Milestone: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "state": state
        case "stateLabel": stateLabel
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

extension ShipmentView.Event: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "detail": detail
        case "when": when
        case "iso": iso
        case "place": place
        case "scannedBy": scannedBy
        default: nil
        }
    }
}

extension ShipmentView.Carrier: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "name": self.name
        case "url": url
        case "linkText": linkText
        default: nil
        }
    }
}

extension ShipmentView.Delivered: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "when": when
        case "where": `where`
        case "signedBy": signedBy
        default: nil
        }
    }
}
