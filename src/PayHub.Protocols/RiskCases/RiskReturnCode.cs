namespace PayHub.Protocols.RiskCases;

/// <summary>The risk-case interface's return codes (SPEC.md D).</summary>
public static class RiskReturnCode
{
    public const int Success = 10000;
    public const int BadParameter = 10001;
    public const int BadSign = 10002;
    public const int UnknownAccessId = 10003;
    public const int OutsideTree = 10004;
    public const int RateLimited = 10005;
    public const int NotAwaitingReply = 10006;
    public const int InternalError = 19999;

    /// <summary>Every return code, in the order of SPEC.md's table.</summary>
    public static IReadOnlyList<int> All { get; } = [Success, BadParameter, BadSign, UnknownAccessId, OutsideTree, RateLimited, NotAwaitingReply, InternalError];

    public static string Message(int code) => code switch
    {
        Success => "",
        BadParameter => "参数缺失或格式错误",
        BadSign => "签名错误或时间戳过期",
        UnknownAccessId => "accessid不存在或已停用",
        OutsideTree => "服务商编号不在本服务商名下",
        RateLimited => "请求过于频繁,请稍后重试",
        NotAwaitingReply => "案例当前不可回复",
        _ => "系统内部错误",
    };
}
