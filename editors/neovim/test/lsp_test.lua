-- Drives the plugin from headless Neovim against a real `gouji lsp`: run.sh starts
--   nvim --headless --clean --cmd 'set rtp^=editors/neovim' -c 'luafile this file'
-- with `gouji` on PATH and GOUJI_DRAFT naming a copy of editors/testdata/draft.txt. Exits 0 when every
-- step passed, 1 at the first that did not.

local draft = assert(os.getenv('GOUJI_DRAFT'), 'GOUJI_DRAFT is not set')
local timeout = tonumber(os.getenv('GOUJI_TEST_TIMEOUT_MS') or '') or 20000

local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function finish(code)
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

local failed = false
local function step(name, fn)
  if failed then
    return
  end
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    say('ok   ' .. name)
  else
    say('FAIL ' .. name .. '\n     ' .. tostring(err):gsub('\n', '\n     '))
    failed = true
  end
end

local function wait_for(what, predicate)
  if not vim.wait(timeout, predicate, 50) then
    error('timed out after ' .. timeout .. ' ms waiting for ' .. what, 2)
  end
end

local function diagnostic_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function diagnostics_with(bufnr, code)
  return vim.tbl_filter(function(d)
    return diagnostic_code(d) == code
  end, vim.diagnostic.get(bufnr))
end

-- The 0-based line and byte column of the first occurrence of `needle`.
local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  error('not in the buffer: ' .. needle, 2)
end

local function hover_text(result)
  local contents = result and result.contents
  if type(contents) == 'string' then
    return contents
  elseif type(contents) == 'table' and contents.value then
    return contents.value
  elseif type(contents) == 'table' then
    local parts = {}
    for _, c in ipairs(contents) do
      table.insert(parts, type(c) == 'string' and c or c.value or '')
    end
    return table.concat(parts, '\n')
  end
  return ''
end

local gouji, bufnr, client

local v = vim.version()
say(string.format('nvim %d.%d.%d, ', v.major, v.minor, v.patch) .. (vim.lsp.enable and 'vim.lsp.enable' or 'vim.lsp.start_client'))

step("require('gouji').setup{}", function()
  gouji = require('gouji')
  gouji.setup({})
end)

step('the draft opens as text', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == 'text', 'filetype is ' .. vim.bo[bufnr].filetype)
end)

step('gouji attaches to the buffer', function()
  wait_for('a gouji client on the buffer', function()
    client = gouji.clients(bufnr)[1]
    return client ~= nil
  end)
  say('     client ' .. client.id .. ': ' .. table.concat(client.config.cmd, ' ') .. ', ' .. client.offset_encoding)
end)

step('a list-total-mismatch diagnostic on the total', function()
  wait_for('diagnostics', function()
    return #diagnostics_with(bufnr, 'list-total-mismatch') > 0
  end)
  local d = diagnostics_with(bufnr, 'list-total-mismatch')[1]
  local line, col = find(bufnr, '合计 100')
  col = col + #'合计 '
  say(string.format('     %d:%d %s', d.lnum + 1, d.col + 1, d.message))
  assert(d.lnum == line and d.col == col, string.format('at %d:%d, expected %d:%d', d.lnum, d.col, line, col))
  assert(d.severity == vim.diagnostic.severity.ERROR, 'severity ' .. tostring(d.severity))
  assert(d.message:find('90', 1, true), 'the message does not name the sum 90')
end)

step('a share-mismatch diagnostic on the share', function()
  wait_for('the share diagnostic', function()
    return #diagnostics_with(bufnr, 'share-mismatch') > 0
  end)
  local d = diagnostics_with(bufnr, 'share-mismatch')[1]
  local line, col = find(bufnr, '20%')
  assert(d.lnum == line and d.col == col, string.format('at %d:%d, expected %d:%d', d.lnum, d.col, line, col))
end)

step('hover on the total lists its items and their sum', function()
  local line, col = find(bufnr, '合计 100')
  vim.api.nvim_win_set_cursor(0, { line + 1, col + #'合计 ' })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout) or {}
  local text = hover_text((responses[client.id] or {}).result)
  say('     hover: ' .. text:gsub('\n', '\n            '))
  for _, expected in ipairs({ '60', '30', '90' }) do
    assert(text:find(expected, 1, true), 'the hover does not show ' .. expected)
  end
end)

-- Neovim's own code action menu, as a user opens it on the share: the quick fix must be
-- offered (0.7 sends the diagnostic back with byte columns, not the agreed encoding's), and
-- choosing it applies that one fix. Undone afterwards, for the steps below.
step('vim.lsp.buf.code_action() on the share offers its quick fix, which applies', function()
  local line, col = find(bufnr, '20%')
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  local offered, chosen = {}, nil
  local select = vim.ui.select
  vim.ui.select = function(items, _, on_choice)
    for i, item in ipairs(items) do
      -- 0.7 offers { client_id, action }, 0.10 and later { action = ..., ctx = ... }.
      local action = item.action or item[2]
      table.insert(offered, string.format('%s [%s]', action.title, tostring(action.kind)))
      if chosen == nil and action.kind == 'quickfix' then
        chosen = i
      end
    end
    on_choice(chosen and items[chosen] or nil, chosen)
  end
  local ok, err = pcall(function()
    vim.lsp.buf.code_action()
    wait_for('the code action menu', function()
      return #offered > 0
    end)
    say('     offered: ' .. table.concat(offered, ' | '))
    assert(chosen ~= nil, 'no quick fix offered on the share')
    wait_for('the share to become 25%', function()
      return (pcall(find, bufnr, '占 25%'))
    end)
    find(bufnr, '合计 100') -- only the chosen fix is applied
  end)
  vim.ui.select = select
  assert(ok, err)
  vim.cmd('silent undo')
  find(bufnr, '占 20%')
  wait_for('the share diagnostic again', function()
    return #diagnostics_with(bufnr, 'share-mismatch') > 0
  end)
end)

step(':GoujiFixAll applies the safe fix and leaves the unsafe one', function()
  vim.cmd('GoujiFixAll')
  wait_for('the share to become 25%', function()
    return (pcall(find, bufnr, '占 25%'))
  end)
  find(bufnr, '合计 100') -- replacing a stated total is not safe: it stays
  wait_for('the share diagnostic to clear', function()
    return #diagnostics_with(bufnr, 'share-mismatch') == 0
  end)
end)

step('a rule set to off through the settings goes away', function()
  gouji.update_settings({ rules = { ['list-total-mismatch'] = 'off' } })
  wait_for('list-total-mismatch to go', function()
    return #diagnostics_with(bufnr, 'list-total-mismatch') == 0
  end)
end)

step(':GoujiRestart starts a new server, which gets the settings at start', function()
  local old = client.id
  gouji.update_settings({ rules = { ['list-total-mismatch'] = 'warning' } })
  vim.cmd('GoujiRestart')
  wait_for('a new client', function()
    client = gouji.clients(bufnr)[1]
    return client ~= nil and client.id ~= old
  end)
  wait_for('diagnostics from the new server', function()
    return #diagnostics_with(bufnr, 'list-total-mismatch') > 0
  end)
  local d = diagnostics_with(bufnr, 'list-total-mismatch')[1]
  assert(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity) .. ', not a warning')
end)

step('a Markdown draft is checked too', function()
  local md = vim.fn.fnamemodify(draft, ':r') .. '.md'
  vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), md)
  vim.cmd('edit ' .. vim.fn.fnameescape(md))
  local mdbuf = vim.api.nvim_get_current_buf()
  assert(vim.bo[mdbuf].filetype == 'markdown', 'filetype is ' .. vim.bo[mdbuf].filetype)
  wait_for('diagnostics on the Markdown draft', function()
    return #diagnostics_with(mdbuf, 'list-total-mismatch') > 0
  end)
end)

step('the files glob narrows which buffers are checked', function()
  local saved = gouji.config.files
  gouji.config.files = 'drafts/*.txt'
  assert(gouji.wants(bufnr), 'drafts/*.txt does not match ' .. draft)
  gouji.config.files = '**/elsewhere/**'
  assert(not gouji.wants(bufnr), '**/elsewhere/** matches ' .. draft)
  gouji.config.files = saved
  assert(gouji.wants(bufnr))
end)

step('a missing executable is reported, not raised', function()
  local seen
  vim.notify = function(msg)
    seen = msg
  end
  gouji.setup({ path = '/nonexistent/gouji' })
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.fnamemodify(draft, ':h') .. '/another.txt'))
  wait_for('the error message', function()
    return seen ~= nil
  end)
  assert(seen:find('/nonexistent/gouji', 1, true), seen)
  assert(#gouji.clients(vim.api.nvim_get_current_buf()) == 0, 'a client is attached')
end)

say(failed and 'neovim test: FAILED' or 'neovim test: passed')
finish(failed and 1 or 0)
