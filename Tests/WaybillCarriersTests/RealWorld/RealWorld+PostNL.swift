/// `realworld/postnl/`.
extension RealWorldCorpus {
    static let postNL: [RealWorldCase] = []
}
