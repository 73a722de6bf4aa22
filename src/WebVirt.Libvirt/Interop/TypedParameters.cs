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

    // Reads an array libvirt allocated for the caller (virDomainGetJobStats and friends) and frees it.
    internal static unsafe IReadOnlyDictionary<string, object> ReadAndFree(Interop.Libvirt.virTypedParameter* parameters, int count)
    {
        try
        {
            return parameters == null ? new Dictionary<string, object>(StringComparer.Ordinal) : Read(parameters, count);
        }
        finally
        {
            Interop.Libvirt.virTypedParamsFree(parameters, count);
        }
    }
}

// A virTypedParameter array built for a call (the virDomainMigrate*3 parameters), grown and owned
// by libvirt's virTypedParamsAdd* functions, so names and strings are copied into libvirt's memory
// and freed by virTypedParamsFree. Several values of one name (migrate_disks) are several entries.
internal sealed unsafe class TypedParameterList : IDisposable
{
    private Interop.Libvirt.virTypedParameter* _parameters;
    private int _count;
    private int _capacity;

    // virTypedParamsAdd* reset libvirt's thread-local error, which virInitialize sets up, and a list
    // may be built before this process opened any connection. virInitialize runs only once.
    internal TypedParameterList()
    {
        LibvirtCall.Check(Interop.Libvirt.virInitialize(), nameof(Interop.Libvirt.virInitialize));
    }

    internal Interop.Libvirt.virTypedParameter* Pointer => _parameters;

    internal int Count => _count;

    internal void AddString(string name, string value)
    {
        fixed (Interop.Libvirt.virTypedParameter** parameters = &_parameters)
        fixed (int* count = &_count, capacity = &_capacity)
        {
            LibvirtCall.Check(Interop.Libvirt.virTypedParamsAddString(parameters, count, capacity, name, value), nameof(Interop.Libvirt.virTypedParamsAddString));
        }
    }

    internal void AddULong(string name, ulong value)
    {
        fixed (Interop.Libvirt.virTypedParameter** parameters = &_parameters)
        fixed (int* count = &_count, capacity = &_capacity)
        {
            LibvirtCall.Check(Interop.Libvirt.virTypedParamsAddULLong(parameters, count, capacity, name, value), nameof(Interop.Libvirt.virTypedParamsAddULLong));
        }
    }

    internal void AddInt(string name, int value)
    {
        fixed (Interop.Libvirt.virTypedParameter** parameters = &_parameters)
        fixed (int* count = &_count, capacity = &_capacity)
        {
            LibvirtCall.Check(Interop.Libvirt.virTypedParamsAddInt(parameters, count, capacity, name, value), nameof(Interop.Libvirt.virTypedParamsAddInt));
        }
    }

    // Every entry in order, repeated names included (Read keeps the last of each name); the CLR type
    // of a value says its libvirt type.
    internal IReadOnlyList<KeyValuePair<string, object>> Entries()
    {
        var entries = new List<KeyValuePair<string, object>>(_count);
        for (int i = 0; i < _count; i++)
        {
            entries.AddRange(TypedParameters.Read(&_parameters[i], 1));
        }

        return entries;
    }

    public void Dispose()
    {
        if (_parameters != null)
        {
            Interop.Libvirt.virTypedParamsFree(_parameters, _count);
            _parameters = null;
            _count = 0;
            _capacity = 0;
        }
    }
}
