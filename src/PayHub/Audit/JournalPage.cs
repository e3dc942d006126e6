namespace PayHub.Audit;

/// <summary>A page of the journal, newest first, and the cursor of the next (older) page; null at the end.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntryView> Entries, long? Next);
