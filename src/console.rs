//! The console on Windows, for the command line's output.
//!
//! Text needs nothing here: Rust's standard library writes to a Windows
//! console with `WriteConsoleW` (UTF-16), so Chinese shows as Chinese whatever
//! the console's code page (936/GBK included), and writes UTF-8 bytes
//! unchanged to files and pipes. Colours do: the classic console shows ANSI
//! escape sequences as text unless virtual terminal processing is turned on,
//! which [`ansi_colours`] does (Windows 10 1511 and later; Windows Terminal
//! has it on already). Where it cannot be turned on (Windows 7, an old
//! console), the output goes without colours.

/// Whether ANSI colour sequences written to stdout will show as colours,
/// turning the console's virtual terminal processing on where needed.
#[cfg(windows)]
pub fn ansi_colours() -> bool {
    use std::ffi::c_void;

    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const ENABLE_VIRTUAL_TERMINAL_PROCESSING: u32 = 0x0004;
    const INVALID_HANDLE_VALUE: *mut c_void = -1isize as *mut c_void;

    #[link(name = "kernel32")]
    extern "system" {
        fn GetStdHandle(std_handle: u32) -> *mut c_void;
        fn GetConsoleMode(console: *mut c_void, mode: *mut u32) -> i32;
        fn SetConsoleMode(console: *mut c_void, mode: u32) -> i32;
    }

    // SAFETY: plain Win32 calls on the process's own standard output handle;
    // `mode` is a valid place for GetConsoleMode to write to.
    unsafe {
        let handle = GetStdHandle(STD_OUTPUT_HANDLE);
        if handle.is_null() || handle == INVALID_HANDLE_VALUE {
            return false;
        }
        let mut mode = 0u32;
        if GetConsoleMode(handle, &mut mode) == 0 {
            // Not a console: a pipe or file, or a terminal (mintty) that reads the sequences itself.
            return true;
        }
        mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
            || SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
    }
}

/// Whether ANSI colour sequences written to stdout will show as colours:
/// always, outside Windows.
#[cfg(not(windows))]
pub fn ansi_colours() -> bool {
    true
}
