using System.Data.Common;
using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>
/// One TranCode of the bank interface. The gateway has already checked the envelope; the
/// operation checks its own fields, reads what it needs, and (for writes) applies its effect
/// inside the same transaction that registers the TranSeq.
/// </summary>
public interface IUtilityOperation
{
    string TranCode { get; }

    /// <summary>Adds one line per missing or malformed field of this operation.</summary>
    void Validate(UtilityMessage request, ICollection<string> problems);

    /// <summary>Reads and decides, before the TranSeq is registered. A read-only operation answers here.</summary>
    Task<UtilityAnswer> PrepareAsync(UtilityMessage request, string instId, CancellationToken cancellationToken);

    /// <summary>Applies the effect inside the registering transaction; read-only operations keep the prepared answer.</summary>
    UtilityAnswer Apply(UtilityMessage request, string instId, UtilityAnswer prepared, DbConnection connection, DbTransaction transaction) => prepared;
}
