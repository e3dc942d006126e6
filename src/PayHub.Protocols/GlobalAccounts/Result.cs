namespace PayHub.Protocols.GlobalAccounts;

/// <summary>A WorldFirst <c>result</c>: status S (success), F (failed, do not retry as is) or U (unknown, retry).</summary>
public sealed record Result(string ResultCode, string ResultStatus, string ResultMessage);
