;;; gouji.el --- gouji (勾稽) budget-disclosure checks through eglot  -*- lexical-binding: t; -*-

;; Paste into your init file, or put this file on `load-path' and (require 'gouji).
;; Needs eglot: built into Emacs 29 and later; on Emacs 28, Debian's `elpa-eglot'
;; package or eglot from GNU ELPA.
;;
;; Then every plain-text and Markdown draft gets gouji's diagnostics (through
;; flymake), hovers (eldoc: move onto a figure) and fixes (M-x eglot-code-actions,
;; or M-x gouji-fix-all for every safe fix at once).

;;; Code:

(require 'eglot)

(defgroup gouji nil
  "Checks of Chinese government budget disclosures."
  :group 'tools)

(defcustom gouji-program "gouji"
  "The gouji executable: a name on `exec-path', or a full path."
  :type 'string)

(defcustom gouji-rules nil
  "Rule severities, as a plist: (:missing-unit \"off\" :unit-slip \"warning\").
A severity is \"off\", \"hint\", \"info\", \"warning\" or \"error\";
`gouji rules' lists the rule ids."
  :type '(plist :value-type string))

(defcustom gouji-modes '(text-mode markdown-mode gfm-mode markdown-ts-mode)
  "Major modes whose buffers gouji checks (not modes derived from them, such as Org)."
  :type '(repeat symbol))

(defcustom gouji-files nil
  "When a regexp, only files whose name matches it are checked.
For example \"/预算公开/\" or \"\\\\.txt\\\\'\"."
  :type '(choice (const :tag "All" nil) regexp))

(defun gouji--settings ()
  "The server's settings, as eglot encodes them to JSON."
  (list :rules (or gouji-rules (make-hash-table))))

(defun gouji--contact (&optional _interactive)
  "How eglot starts the server."
  (list gouji-program "lsp" :initializationOptions (gouji--settings)))

(add-to-list 'eglot-server-programs `(,gouji-modes . gouji--contact))

(defun gouji--wanted-p ()
  "Whether gouji checks the current buffer."
  (and (memq major-mode gouji-modes)
       (or (null gouji-files)
           (and buffer-file-name (string-match-p gouji-files buffer-file-name)))))

(defun gouji-maybe-start ()
  "Start gouji (eglot) in this buffer when it is a draft gouji checks."
  (when (gouji--wanted-p)
    (eglot-ensure)))

(add-hook 'text-mode-hook #'gouji-maybe-start)
(add-hook 'markdown-mode-hook #'gouji-maybe-start)

;; After changing `gouji-rules', M-x eglot-reconnect restarts the server with them.

(defun gouji-fix-all ()
  "Apply every safe gouji fix in the buffer (the source.fixAll.gouji code action)."
  (interactive)
  (eglot-code-actions (point-min) (point-max) "source.fixAll.gouji" t))

(provide 'gouji)
;;; gouji.el ends here
