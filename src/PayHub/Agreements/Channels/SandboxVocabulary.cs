using PayHub.Protocols.Agreements;

namespace PayHub.Agreements.Channels;

/// <summary>
/// The sandbox bank's code vocabularies, so that mapping is exercised as with real channels:
/// <c>alipay</c> (S, T, F_…) and <c>bank</c> (0000, 0001, E100x).
/// </summary>
public static class SandboxVocabulary
{
    public const string Alipay = "alipay";
    public const string Bank = "bank";

    private static readonly Dictionary<SandboxOutcome, (string Alipay, string Bank, string UnifiedCode)> Words = new()
    {
        [SandboxOutcome.Success] = ("S", "0000", UnifiedCode.Success),
        [SandboxOutcome.CodeSent] = ("T", "0001", UnifiedCode.CodeSent),
        [SandboxOutcome.AlreadyInState] = ("F_REPEAT", "E1004", UnifiedCode.AlreadyInState),
        [SandboxOutcome.NotFound] = ("F_NOT_FOUND", "E1003", UnifiedCode.NotFound),
        [SandboxOutcome.WrongCode] = ("F_CODE", "E1001", UnifiedCode.WrongCode),
        [SandboxOutcome.CodeExpired] = ("F_EXPIRED", "E1002", UnifiedCode.NoApplyOrExpired),
        [SandboxOutcome.AccountRefused] = ("F_ACCOUNT", "E1005", UnifiedCode.AccountRefused),
        [SandboxOutcome.IdentityMismatch] = ("F_IDENTITY", "E1006", UnifiedCode.IdentityMismatch),
    };

    public static bool IsKnown(string? vocabulary) => vocabulary is Alipay or Bank;

    public static string CodeOf(string vocabulary, SandboxOutcome outcome) =>
        vocabulary == Alipay ? Words[outcome].Alipay : Words[outcome].Bank;

    /// <summary>Every code of the vocabulary mapped to its unified code, for every TransType and step.</summary>
    public static IEnumerable<CodeMapEntry> DefaultCodeMap(string vocabulary)
    {
        (string TransType, string Step)[] steps =
        [
            (TransType.Contract, TransType.Apply), (TransType.Contract, TransType.Confirm),
            (TransType.DeContract, TransType.Apply), (TransType.DeContract, TransType.Confirm),
            (TransType.QryContract, ""),
        ];
        foreach (var (transType, step) in steps)
        {
            foreach (var (outcome, words) in Words)
            {
                yield return new CodeMapEntry(transType, step, CodeOf(vocabulary, outcome), words.UnifiedCode, UnifiedCode.DefaultMessage(words.UnifiedCode));
            }
        }
    }
}
