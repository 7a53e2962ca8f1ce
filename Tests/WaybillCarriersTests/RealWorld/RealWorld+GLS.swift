/// `realworld/gls/`.
extension RealWorldCorpus {
    static let gls: [RealWorldCase] = []
}
