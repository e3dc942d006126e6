namespace PayHub.GlobalAccounts;

/// <summary>One operation of the global account API, at its paths under each of <see cref="GlobalPaths.Prefixes"/>.</summary>
public interface IGlobalOperation
{
    /// <summary>The operation's paths after the prefix (<c>/business/account/inquiryAccount</c>); the first is its name in the docs.</summary>
    IReadOnlyList<string> Paths { get; }

    Task<GlobalAnswer> AnswerAsync(GlobalCall call);
}
