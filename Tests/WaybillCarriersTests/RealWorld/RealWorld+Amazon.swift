/// `realworld/amazon/`.
extension RealWorldCorpus {
    static let amazon: [RealWorldCase] = []
}
