using System.Text.Json;
using System.Text.Json.Serialization;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hosting;

/// <summary>What <c>/healthz</c> answers.</summary>
internal sealed record AgentHealth(bool Libvirt);

/// <summary>
/// Compile-time JSON metadata for the agent's plain HTTP answers and bodies (health, enrolment, the
/// console relay's lookup, upload and download failures), so they need no reflection-based
/// serializer (Native AOT). The hub's types are <see cref="AgentHubJson"/>'s.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentHealth))]
[JsonSerializable(typeof(ActionResult))]
[JsonSerializable(typeof(Failure))]
[JsonSerializable(typeof(EnrolmentRequest))]
[JsonSerializable(typeof(EnrolmentAnswer))]
[JsonSerializable(typeof(VncConsoleInfo))]
internal sealed partial class AgentHttpJson : JsonSerializerContext;
