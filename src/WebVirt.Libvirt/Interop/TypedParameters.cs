namespace WebVirt.Libvirt;

// Converts a borrowed virTypedParameter array into boxed CLR values of the matching type.
internal static class TypedParameters
{
    internal static unsafe IReadOnlyDictionary<string, object> Read(Interop.Libvirt.virTypedParameter* parameters, int count)
    {
        var result = new Dictionary<string, object>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            Interop.Libvirt.virTypedParameter* parameter = &parameters[i];
            string field = Interop.Libvirt.BorrowString(parameter->field) ?? string.Empty;
            object? value = parameter->type switch
            {
                Interop.Libvirt.VIR_TYPED_PARAM_INT => parameter->value.i,
                Interop.Libvirt.VIR_TYPED_PARAM_UINT => parameter->value.ui,
                Interop.Libvirt.VIR_TYPED_PARAM_LLONG => parameter->value.l,
                Interop.Libvirt.VIR_TYPED_PARAM_ULLONG => parameter->value.ul,
                Interop.Libvirt.VIR_TYPED_PARAM_DOUBLE => parameter->value.d,
                Interop.Libvirt.VIR_TYPED_PARAM_BOOLEAN => parameter->value.b != 0,
                Interop.Libvirt.VIR_TYPED_PARAM_STRING => Interop.Libvirt.BorrowString(parameter->value.s) ?? string.Empty,
                _ => null,
            };

            // Types newer than this code are skipped rather than misread.
            if (value is not null)
            {
                result[field] = value;
            }
        }

        return result;
    }
}
