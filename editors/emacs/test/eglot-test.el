;;; eglot-test.el --- gouji.el against a real gouji lsp, in emacs --batch  -*- lexical-binding: t; -*-

;; emacs --batch -q -L editors/emacs -l editors/emacs/test/eglot-test.el
;; with `gouji' on exec-path and GOUJI_DRAFT naming a draft with a wrong total.

(require 'gouji)

(defvar gouji-test-timeout 20)

(defun gouji-test--fail (fmt &rest args)
  (princ (concat "FAIL " (apply #'format fmt args) "\n"))
  (kill-emacs 1))

(defun gouji-test--wait (what pred)
  (let ((deadline (+ (float-time) gouji-test-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall pred)
      (gouji-test--fail "timed out waiting for %s" what))))

(setq gouji-rules '(:list-total-mismatch "warning"))

(let ((draft (getenv "GOUJI_DRAFT")))
  (find-file draft)
  (unless (eq major-mode 'text-mode)
    (gouji-test--fail "%s opened in %s" draft major-mode))
  ;; eglot-ensure starts the server after the command that opened the buffer.
  (run-hooks 'post-command-hook)
  (gouji-test--wait "eglot to manage the buffer" (lambda () (eglot-managed-p)))
  (princ (format "ok   eglot manages %s (%s)\n" (file-name-nondirectory draft)
                 (plist-get (eglot--server-info (eglot-current-server)) :name)))
  (gouji-test--wait "a list-total-mismatch diagnostic"
                    (lambda ()
                      (cl-some (lambda (d) (string-match-p "list-total-mismatch\\|sum to 90"
                                                           (flymake-diagnostic-text d)))
                               (flymake-diagnostics))))
  (dolist (d (flymake-diagnostics))
    (princ (format "     %d: %s\n" (line-number-at-pos (flymake-diagnostic-beg d))
                   (flymake-diagnostic-text d))))
  (princ "ok   diagnostics through flymake\n")
  (let ((total (cl-find-if (lambda (d) (string-match-p "分项之和为 90\\|sum to 90" (flymake-diagnostic-text d)))
                           (flymake-diagnostics))))
    (unless (eq (flymake-diagnostic-type total) 'eglot-warning)
      (gouji-test--fail "gouji-rules made list-total-mismatch a warning, but it is %s"
                        (flymake-diagnostic-type total))))
  (princ "ok   gouji-rules reach the server (list-total-mismatch is a warning)\n")
  (goto-char (point-min))
  (search-forward "合计 1")
  (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (contents (plist-get hover :contents))
         (text (if (stringp contents) contents (plist-get contents :value))))
    (unless (and text (string-match-p "60" text) (string-match-p "30" text) (string-match-p "90" text))
      (gouji-test--fail "hover on the total: %S" hover))
    (princ (format "ok   hover: %s\n" (replace-regexp-in-string "\n" "\n            " text))))
  (gouji-fix-all)
  (gouji-test--wait "the safe fix (占 25%)"
                    (lambda () (save-excursion (goto-char (point-min)) (search-forward "占 25%" nil t))))
  (princ "ok   gouji-fix-all\n")
  (princ "emacs test: passed\n")
  (kill-emacs 0))
