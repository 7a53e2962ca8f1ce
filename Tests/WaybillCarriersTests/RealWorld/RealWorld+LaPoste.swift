/// `realworld/la_poste/`.
extension RealWorldCorpus {
    static let laPoste: [RealWorldCase] = []
}
