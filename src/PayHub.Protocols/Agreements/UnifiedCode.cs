namespace PayHub.Protocols.Agreements;

/// <summary>
/// The gateway's unified codes (SPEC.md B): what a front-end sees whatever channel answered, with
/// the default RespInfo of each.
/// </summary>
public static class UnifiedCode
{
    public const string Success = "EC000";
    public const string CodeSent = "EC100";
    public const string AlreadyInState = "EC801";
    public const string NotFound = "EC802";
    public const string WrongCode = "EC803";
    public const string NoApplyOrExpired = "EC804";
    public const string TooManyAttempts = "EC805";
    public const string AccountRefused = "EC806";
    public const string IdentityMismatch = "EC807";
    public const string Malformed = "EC901";
    public const string Unknown = "EC902";
    public const string NotRouted = "EC903";
    public const string Unavailable = "EC904";
    public const string ReqSeqIdReused = "EC905";
    public const string NotAuthenticated = "EC906";
    public const string RateLimited = "EC907";
    public const string Unmapped = "EC999";

    /// <summary>Every unified code, in the order of SPEC.md's table.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Success, CodeSent, AlreadyInState, NotFound, WrongCode, NoApplyOrExpired, TooManyAttempts, AccountRefused,
        IdentityMismatch, Malformed, Unknown, NotRouted, Unavailable, ReqSeqIdReused, NotAuthenticated, RateLimited, Unmapped,
    ];

    public static bool IsKnown(string code) => All.Contains(code);

    /// <summary>RespCode -1 (the gateway did not process the request): EC901 and EC903–EC907. Everything else is 0.</summary>
    public static string RespCodeOf(string unifiedCode) => unifiedCode switch
    {
        Malformed or NotRouted or Unavailable or ReqSeqIdReused or NotAuthenticated or RateLimited => "-1",
        _ => "0",
    };

    /// <summary>Answers kept for repeats of the same ReqSeqID: success and business refusals (EC000, EC100, EC8xx), and EC999.</summary>
    public static bool IsFinal(string unifiedCode) =>
        unifiedCode is Success or CodeSent or Unmapped || unifiedCode.StartsWith("EC8", StringComparison.Ordinal);

    public static string DefaultMessage(string unifiedCode) => unifiedCode switch
    {
        Success => "成功",
        CodeSent => "验证码已发送",
        AlreadyInState => "重复签约",
        NotFound => "协议不存在",
        WrongCode => "验证码错误",
        NoApplyOrExpired => "未申请或验证码已过期",
        TooManyAttempts => "验证码错误次数过多,请重新申请",
        AccountRefused => "付方账户或卡被渠道拒绝",
        IdentityMismatch => "付方身份信息不符",
        Malformed => "报文格式错误",
        Unknown => "渠道结果未知,请稍后查询",
        NotRouted => "线路代码或线路指令不支持",
        Unavailable => "渠道不可用,可重试",
        ReqSeqIdReused => "支付流水号重复且内容不同",
        NotAuthenticated => "调用方认证失败",
        RateLimited => "超过调用频率限制,请稍后重试",
        Unmapped => "渠道返回码未映射",
        _ => unifiedCode,
    };
}
