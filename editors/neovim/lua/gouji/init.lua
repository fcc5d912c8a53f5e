-- gouji (勾稽) for Neovim: attaches `gouji lsp` to text and Markdown buffers.
--
--   require('gouji').setup{}
--
-- Works with no other plugin, on Neovim 0.7 (vim.lsp.start_client and
-- vim.lsp.buf_attach_client) and on releases that have vim.lsp.config and
-- vim.lsp.enable (0.11 and later), which it uses when they are there.

local M = {}

local uv = vim.uv or vim.loop

local defaults = {
  -- The gouji executable: a name looked up on PATH, or a path.
  path = 'gouji',
  -- Replaces the whole command when set, e.g. { 'gouji', 'lsp' }.
  cmd = nil,
  filetypes = { 'text', 'markdown' },
  -- A glob narrowing which files are checked, e.g. '**/预算公开/**'; a relative glob
  -- matches at any depth. nil or '': every buffer of the filetypes above.
  files = nil,
  -- The server's settings, sent as initializationOptions and through
  -- workspace/didChangeConfiguration: { rules = { ['missing-unit'] = 'off' } }.
  settings = { rules = {} },
  -- The folder a client serves: the nearest one up with one of these, else the file's own.
  root_markers = { 'gouji.toml', '.gouji.toml', '.git' },
  -- On Neovim before 0.10, which has no default LSP mappings: K shows the hover.
  keymaps = true,
  -- Let Neovim pull diagnostics (textDocument/diagnostic) where it can (0.10+). Off by
  -- default: Neovim pulls only after an edit to a visible buffer and cannot be asked to
  -- pull again (no workspace/diagnostic/refresh), so a settings change or a file saved
  -- from outside would not show. Off, the server pushes its diagnostics.
  pull_diagnostics = false,
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(defaults)

local NAME = 'gouji'
local FIX_ALL = 'source.fixAll.gouji'

-- An empty Lua table is encoded as a JSON array; the server wants objects.
local function as_objects(settings)
  settings = settings or {}
  if type(settings.rules) ~= 'table' or next(settings.rules) == nil then
    settings.rules = vim.empty_dict()
  end
  return settings
end

local function has(feature)
  return vim.fn.has(feature) == 1
end

local function notify(msg, level)
  vim.notify('gouji: ' .. msg, level or vim.log.levels.INFO)
end

local function command()
  if M.config.cmd then
    return M.config.cmd
  end
  return { vim.fn.expand(M.config.path), 'lsp' }
end

-- The globs users write, as a Vim regex over a buffer's full path.
local function files_regex()
  local glob = M.config.files
  if glob == nil or glob == '' then
    return nil
  end
  glob = vim.fn.expand(glob):gsub('\\', '/'):gsub('^%./', '')
  if not (glob:sub(1, 1) == '/' or glob:sub(1, 2) == '**' or glob:match('^%a:/')) then
    glob = '**/' .. glob
  end
  return vim.fn.glob2regpat(glob)
end

--- Whether gouji checks this buffer: its filetype, a normal buffer, and `files`.
function M.wants(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return false
  end
  if not vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
    return false
  end
  local regex = files_regex()
  if regex == nil then
    return true
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return false
  end
  return vim.fn.match(vim.fn.fnamemodify(name, ':p'):gsub('\\', '/'), regex) >= 0
end

local function find_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.fn.getcwd()
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local here = dir
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if uv.fs_stat(here .. '/' .. marker) then
        return here
      end
    end
    local parent = vim.fn.fnamemodify(here, ':h')
    if parent == here then
      return dir
    end
    here = parent
  end
end

-- Answers workspace/configuration for the section 'gouji' (or none) with the settings.
local function configuration_handler(_, params)
  local result = {}
  for i, item in ipairs((params or {}).items or {}) do
    if item.section == nil or item.section == NAME then
      result[i] = M.config.settings
    else
      result[i] = vim.NIL
    end
  end
  return result
end

local function on_attach(client, bufnr)
  if M.config.keymaps and not has('nvim-0.10') and vim.fn.maparg('K', 'n') == '' then
    vim.api.nvim_buf_set_keymap(bufnr, 'n', 'K', '<cmd>lua vim.lsp.buf.hover()<CR>', { noremap = true, silent = true })
  end
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

local function capabilities()
  local caps = vim.deepcopy(M.config.capabilities or vim.lsp.protocol.make_client_capabilities())
  if not M.config.pull_diagnostics then
    caps.textDocument = caps.textDocument or {}
    -- vim.NIL, not nil: 0.11 merges these into its defaults, where nil would keep theirs.
    caps.textDocument.diagnostic = vim.NIL
  end
  return caps
end

local function client_config(root)
  return {
    name = NAME,
    cmd = command(),
    root_dir = root,
    init_options = M.config.settings,
    settings = M.config.settings,
    capabilities = capabilities(),
    handlers = { ['workspace/configuration'] = configuration_handler },
    on_attach = on_attach,
  }
end

local function get_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
  end
  local found = {}
  local all = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
  for _, client in pairs(all) do
    if client.name == NAME then
      table.insert(found, client)
    end
  end
  return found
end
M.clients = get_clients

-- Calls a client method on 0.7 (client.request(...)) and on 0.11+ (client:request(...),
-- where the first form is deprecated).
local function call(client, method, ...)
  if has('nvim-0.11') then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function executable_or_warn()
  local exe = command()[1]
  if vim.fn.executable(exe) == 1 then
    return true
  end
  if not M._warned then
    M._warned = true
    notify(
      exe .. ' is not an executable: install gouji (cargo install --locked --path .) or pass setup{ path = ... }',
      vim.log.levels.ERROR
    )
  end
  return false
end

---------------------------------------------------------------------------
-- Neovim 0.11 and later: vim.lsp.config and vim.lsp.enable.

local function enable_config()
  local config = client_config(nil)
  config.filetypes = M.config.filetypes
  config.root_dir = function(bufnr, on_dir)
    if M.wants(bufnr) and executable_or_warn() then
      on_dir(find_root(bufnr))
    end
  end
  return config
end

local function setup_enable()
  -- Assigned, not merged with vim.lsp.config('gouji', ...): a second setup{} replaces the first.
  vim.lsp.config[NAME] = enable_config()
  vim.lsp.enable(NAME)
  -- vim.lsp.enable skips a command that is not executable with only a line in lsp.log.
  local group = vim.api.nvim_create_augroup('gouji', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      if M.wants(args.buf) then
        executable_or_warn()
      end
    end,
  })
end

---------------------------------------------------------------------------
-- Neovim 0.7 to 0.10: one client per root, started and attached by hand.

local client_ids = {}

local function attach(bufnr)
  if not M.wants(bufnr) or not executable_or_warn() then
    return
  end
  local root = find_root(bufnr)
  local id = client_ids[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, 'is_stopped') then
    id = vim.lsp.start_client(client_config(root))
    if not id then
      notify('could not start ' .. table.concat(command(), ' '), vim.log.levels.ERROR)
      return
    end
    client_ids[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local function setup_start_client()
  client_ids = {}
  local group = vim.api.nvim_create_augroup('gouji', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      attach(bufnr)
    end
  end
end

---------------------------------------------------------------------------
-- Commands.

local function uses_enable()
  return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

--- Applies the server's `source.fixAll.gouji` action to a buffer.
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = get_clients(bufnr)[1]
  if not client then
    notify('no gouji server for this buffer', vim.log.levels.WARN)
    return
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { FIX_ALL }, triggerKind = 1 },
  }
  local function apply(action)
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    end
    local cmd = action.command
    if type(cmd) == 'table' then
      call(client, 'request', 'workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments }, nil, bufnr)
    end
  end
  call(client, 'request', 'textDocument/codeAction', params, function(err, actions)
    if err then
      notify('fix all: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local ours = vim.tbl_filter(function(action)
      return action.kind ~= nil and (action.kind == FIX_ALL or vim.startswith(action.kind, FIX_ALL .. '.'))
    end, actions or {})
    if #ours == 0 then
      notify('nothing to fix')
    end
    for _, action in ipairs(ours) do
      if action.edit or action.command then
        apply(action)
      else
        -- The edit is computed on request (codeAction/resolve).
        call(client, 'request', 'codeAction/resolve', action, function(e, resolved)
          if e then
            notify('fix all: ' .. (e.message or vim.inspect(e)), vim.log.levels.ERROR)
          elseif resolved then
            apply(resolved)
          end
        end, bufnr)
      end
    end
  end, bufnr)
end

--- Stops the gouji clients and starts them again for the buffers gouji checks.
function M.restart()
  local clients = get_clients()
  for _, client in ipairs(clients) do
    call(client, 'stop')
  end
  local function started_again()
    if uses_enable() then
      vim.lsp.enable(NAME, false)
      vim.lsp.enable(NAME)
      -- Before VimEnter, enable() leaves existing buffers to their FileType event.
      if vim.v.vim_did_enter ~= 1 then
        vim.cmd('doautoall nvim.lsp.enable FileType')
      end
    else
      setup_start_client()
    end
  end
  -- Wait (at most 3 s) for the old servers to exit, so the new ones do not race them.
  vim.wait(3000, function()
    for _, client in ipairs(clients) do
      if not call(client, 'is_stopped') then
        return false
      end
    end
    return true
  end, 50)
  started_again()
end

--- Changes the server's settings at run time, e.g. update_settings{ rules = { ['unit-slip'] = 'off' } }.
function M.update_settings(settings)
  M.config.settings = as_objects(vim.tbl_deep_extend('force', M.config.settings, settings or {}))
  if uses_enable() then
    vim.lsp.config[NAME] = enable_config()
  end
  for _, client in ipairs(get_clients()) do
    client.config.settings = M.config.settings
    call(client, 'notify', 'workspace/didChangeConfiguration', { settings = M.config.settings })
  end
end

local function create_commands()
  vim.api.nvim_create_user_command('GoujiFixAll', function()
    M.fix_all(0)
  end, { desc = 'gouji: apply every safe fix in this buffer' })
  vim.api.nvim_create_user_command('GoujiRestart', function()
    M.restart()
  end, { desc = 'gouji: restart the language server' })
  vim.api.nvim_create_user_command('GoujiRule', function(opts)
    if #opts.fargs ~= 2 then
      notify('usage: :GoujiRule <rule id> off|hint|info|warning|error', vim.log.levels.ERROR)
      return
    end
    M.update_settings({ rules = { [opts.fargs[1]] = opts.fargs[2] } })
  end, {
    nargs = '+',
    desc = 'gouji: set a rule severity, e.g. :GoujiRule missing-unit off',
  })
end

--- Configures gouji and attaches it to the buffers it checks, now and later.
function M.setup(opts)
  opts = opts or {}
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts)
  -- Lists are replaced, not merged index by index.
  for _, key in ipairs({ 'filetypes', 'root_markers', 'cmd' }) do
    if opts[key] ~= nil then
      M.config[key] = opts[key]
    end
  end
  M._warned = false
  M.config.settings = as_objects(M.config.settings)
  if type(M.config.path) ~= 'string' or M.config.path == '' then
    M.config.path = 'gouji'
  end
  create_commands()
  if uses_enable() then
    setup_enable()
  else
    setup_start_client()
  end
end

return M
