namespace PayHub.Protocols.Utility;

/// <summary>The RespCodes of the utility interface and the HTTP status each is answered with.</summary>
public static class UtilityRespCode
{
    public const string Success = "AAAAAAA";
    public const string Unreadable = "DEF0001";
    public const string BadField = "DEF0002";
    public const string UnknownTranCode = "DEF0003";
    public const string TranSeqReused = "DEF0004";
    public const string NoSuchCustomer = "DEF0005";
    public const string NoSuchCompany = "DEF0006";
    public const string BadContract = "DEF0007";
    public const string NothingOwed = "DEF0008";
    public const string AmountMismatch = "DEF0009";
    public const string OriginalNotFound = "DEF0010";
    public const string CannotReverse = "DEF0011";
    public const string Unauthorized = "EGG0001";
    public const string Undecryptable = "EGG0002";
    public const string RateLimited = "SYS9998";
    public const string SystemError = "SYS9999";

    /// <summary>Every RespCode, in the order of SPEC.md's table.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Success, Unreadable, BadField, UnknownTranCode, TranSeqReused, NoSuchCustomer, NoSuchCompany, BadContract, NothingOwed,
        AmountMismatch, OriginalNotFound, CannotReverse, Unauthorized, Undecryptable, RateLimited, SystemError,
    ];

    public static int HttpStatus(string code) => code switch
    {
        Success => 200,
        Unauthorized or Undecryptable => 403,
        RateLimited => 429,
        SystemError => 500,
        _ => 400,
    };

    /// <summary>Final answers are kept for repeats of the same TranSeq: success and business refusals.</summary>
    public static bool IsFinal(string code) => code is Success or NoSuchCustomer or NoSuchCompany or BadContract
        or NothingOwed or AmountMismatch or OriginalNotFound or CannotReverse;
}
