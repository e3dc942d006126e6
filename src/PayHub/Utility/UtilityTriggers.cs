using PayHub.Protocols.Utility;
using PayHub.Sandbox;

namespace PayHub.Utility;

/// <summary>
/// The utility interface's sandbox triggers, carried in <c>TranSeq</c> (letters and digits, so no separator:
/// <c>SANDBOXDEF0009</c>, <c>SANDBOXDEF0009A1</c>). A triggered answer is kept under its TranSeq like a real one.
/// </summary>
public static class UtilityTriggers
{
    private static readonly string[] All = ["CustomerCheck", "Query", "Pay", "PayInvalid", "PayCheck"];
    private static readonly string[] Customer = ["CustomerCheck", "Query", "Pay"];

    public static TriggerCatalogue Catalogue { get; } = new(
        "utility",
        "TranSeq",
        "",
        All,
        ["Pay", "PayInvalid"],
        [
            (UtilityRespCode.NoSuchCustomer, Customer, "as for a billKey the company does not have"),
            (UtilityRespCode.NoSuchCompany, Customer, "as for an unknown companyId"),
            (UtilityRespCode.BadContract, ["CustomerCheck"], "as for a contractNo that is not the customer's"),
            (UtilityRespCode.NothingOwed, ["Query", "Pay"], "as for a customer with no outstanding bill"),
            (UtilityRespCode.AmountMismatch, ["Pay"], "as for an amount other than the amount owed; nothing is paid"),
            (UtilityRespCode.OriginalNotFound, ["PayInvalid"], "as for an unknown original TranSeq; nothing is reversed"),
            (UtilityRespCode.CannotReverse, ["PayInvalid"], "as for a payment already reversed or of another day; nothing is reversed"),
            (UtilityRespCode.RateLimited, All, "HTTP 429, in plain XML or JSON as the real one (answered before decryption); not kept"),
            (UtilityRespCode.SystemError, All, "HTTP 500; not kept, so a retry with the same TranSeq gets the trigger again"),
        ],
        [
            new(UtilityRespCode.Success, "an ordinary request for demo data (CustomerCheck of billKey 123456)"),
            new(UtilityRespCode.Unreadable, "a body that is not XML or JSON, or XML with a DTD, or a charset other than GBK, GB18030 or UTF-8"),
            new(UtilityRespCode.BadField, "leave out a required field (companyId), or a TranSeq with other than letters and digits"),
            new(UtilityRespCode.UnknownTranCode, "POST /utility/NoSuchCode, or a path and body TranCode that differ"),
            new(UtilityRespCode.TranSeqReused, "send a TranSeq again with other content (another billKey)"),
            new(UtilityRespCode.Unauthorized, "send a wrong X-API-Key, or none"),
            new(UtilityRespCode.Undecryptable, "EncryptType SM4 with a body that is not base64 of a ciphertext under the institution's key"),
        ]);
}
