using System.Text.Json.Serialization;

namespace WebVirt.Agent.LocalState;

/// <summary>What the agent keeps across its own restarts, in one file of its state directory.</summary>
internal sealed class LocalStateDocument
{
    /// <summary>Whether new guests are created with TCG emulation; null until first chosen from the host's KVM checks.</summary>
    public bool? UseEmulation { get; set; }

    /// <summary>The most recent tasks, newest first.</summary>
    public List<LocalTaskRecord> Tasks { get; set; } = [];

    /// <summary>How guests were made, oldest first.</summary>
    public List<LocalCreationRecord> Creations { get; set; } = [];
}

[JsonSerializable(typeof(LocalStateDocument))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class LocalStateJson : JsonSerializerContext;
