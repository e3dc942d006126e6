using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>An operation's outcome: its RespCode and message and, on success, its fields in wire order.</summary>
public sealed record UtilityAnswer(string RespCode, string RespMessage, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>What a writing operation prepares: nothing; its answer is decided inside the write.</summary>
    public static Task<UtilityAnswer> DecidedInApply { get; } = Task.FromResult(new UtilityAnswer(UtilityRespCode.SystemError, "decided in the write", []));

    public static UtilityAnswer Refuse(string respCode, string? detail = null) =>
        new(respCode, detail is null ? Messages.For(respCode) : Messages.For(respCode) + ": " + detail, []);

    public static UtilityAnswer Success(string message, IReadOnlyList<KeyValuePair<string, string>> fields) =>
        new(UtilityRespCode.Success, message, fields);

    /// <summary>The Chinese messages of the RespCodes.</summary>
    public static class Messages
    {
        public static string For(string respCode) => respCode switch
        {
            UtilityRespCode.Success => "成功",
            UtilityRespCode.Unreadable => "报文无法解析",
            UtilityRespCode.BadField => "字段缺失或格式错误",
            UtilityRespCode.UnknownTranCode => "交易码错误",
            UtilityRespCode.TranSeqReused => "交易流水号已使用且内容不同",
            UtilityRespCode.NoSuchCustomer => "客户不存在",
            UtilityRespCode.NoSuchCompany => "公司不存在",
            UtilityRespCode.BadContract => "合同号不存在或不属于该客户",
            UtilityRespCode.NothingOwed => "无应缴费用",
            UtilityRespCode.AmountMismatch => "缴费金额与应缴金额不符",
            UtilityRespCode.OriginalNotFound => "原交易不存在",
            UtilityRespCode.CannotReverse => "原交易已冲正或已过冲正日",
            UtilityRespCode.Unauthorized => "API密钥缺失、无效或与机构号不符",
            UtilityRespCode.Undecryptable => "报文无法按声明的加密方式解密",
            UtilityRespCode.RateLimited => "请求过于频繁，请稍后重试",
            _ => "系统错误",
        };
    }
}
