namespace WebVirt.Data;

/// <summary>What one compaction of usage history did: averaged rows written and expired rows deleted.</summary>
public sealed record UsageCompaction(int Written, int Deleted);
