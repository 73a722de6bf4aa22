using System.Text.Json.Serialization;

namespace WebVirt.Agent.Enrolment;

[JsonSerializable(typeof(PendingCode))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class EnrolmentJson : JsonSerializerContext;
