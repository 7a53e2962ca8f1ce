/// `realworld/fedex/`.
extension RealWorldCorpus {
    static let fedEx: [RealWorldCase] = []
}
