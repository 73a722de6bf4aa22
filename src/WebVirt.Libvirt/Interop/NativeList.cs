using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

// Turns the malloc'd arrays that virConnectListAll*, virStoragePoolListAllVolumes and friends
// return into managed lists, freeing the array and, on failure, every object not yet wrapped.
internal static class NativeList
{
    internal static unsafe List<T> WrapAndFree<T>(IntPtr* items, int count, Func<IntPtr, T> wrap, Action<IntPtr> freeNative)
        where T : IDisposable
    {
        var result = new List<T>(count);
        int owned = 0;
        try
        {
            for (; owned < count; owned++)
            {
                result.Add(wrap(items[owned]));
            }
        }
        catch
        {
            foreach (T item in result)
            {
                item.Dispose();
            }

            // Pointers after the failing one were never wrapped; the failing one freed itself.
            for (int i = owned + 1; i < count; i++)
            {
                freeNative(items[i]);
            }

            throw;
        }
        finally
        {
            NativeMemory.Free(items);
        }

        return result;
    }

    // A char** of count owned strings, each freed along with the array.
    internal static unsafe string[] TakeOwnedStrings(byte** items, int count)
    {
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = Interop.Libvirt.BorrowString(items[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                NativeMemory.Free(items[i]);
            }

            NativeMemory.Free(items);
        }
    }
}
