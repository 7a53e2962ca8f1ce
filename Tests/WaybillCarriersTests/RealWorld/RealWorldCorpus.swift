/// All real-world expectations, one list per carrier folder (`RealWorld+<carrier>.swift`).
enum RealWorldCorpus {
    static let all: [RealWorldCase] = [
        ups,
        fedEx,
        usps,
        dhlExpress,
        dhlParcelDE,
        canadaPost,
        australiaPost,
        postNL,
        easyPost,
        afterShip,
        amazon,
        gls,
        dpd,
        laPoste,
        royalMail,
        iftsta,
        unsupported,
    ].flatMap { $0 }
}
