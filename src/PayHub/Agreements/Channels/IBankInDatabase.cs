using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements.Channels;

/// <summary>
/// An adapter kind whose bank keeps its books in PayHub's own database (the sandbox bank of <c>simulated</c> channels):
/// it can answer inside the step's one write, which claims the request's ReqSeqID, locks the agreement and records the
/// answer, so that all of it and the bank's change commit together (one transaction instead of three).
/// </summary>
public interface IBankInDatabase
{
    /// <summary>
    /// The bank's answer, its change of its books made in <paramref name="scope"/>; null when this request must be sent
    /// the usual way (<see cref="IChannelAdapter.SendAsync"/>: an answer that is lost, a bank that is unavailable).
    /// </summary>
    ChannelAnswer? AnswerInWrite(WriteScope scope, Channel channel, AtsyhRequest request);
}
