/// `realworld/royal_mail/`.
extension RealWorldCorpus {
    static let royalMail: [RealWorldCase] = []
}
