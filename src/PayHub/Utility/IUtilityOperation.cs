using PayHub.Protocols.Utility;
using PayHub.Storage;

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

    /// <summary>False for operations that only read: their answer is decided in <see cref="PrepareAsync"/>.</summary>
    bool ChangesData => false;

    /// <summary>Applies the effect inside the registering transaction (only called when <see cref="ChangesData"/>).</summary>
    UtilityAnswer Apply(UtilityMessage request, string instId, UtilityAnswer prepared, WriteScope scope) => prepared;
}
