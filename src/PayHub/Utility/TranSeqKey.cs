namespace PayHub.Utility;

/// <summary>The identity of a utility request: the bank's InstId, TranDate and TranSeq.</summary>
public sealed record TranSeqKey(string InstId, string TranDate, string TranSeq);
